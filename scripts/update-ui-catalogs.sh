#!/usr/bin/env bash
# Re-extracts every interface string from ui/ (and the rule sets' messages, and the N_-marked field checks of
# liaison/services, liaison/sync and the vault's own errors) into locales/messages.pot and merges it into the
# fr, es and ar catalogs (locales/<lang>/LC_MESSAGES/messages.po); new strings arrive untranslated,
# changed ones fuzzy. The "documents" domain (documents.po) is not touched. Catalogs are compiled
# in memory at run time (ui/i18n.py), so there is no .mo to build.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
"$pybabel" extract -F locales/babel-ui.cfg -k _ -k N_ -k NC_:1c,2 -k ngettext:1,2 \
    --project=Liaison --copyright-holder="Liaison" --msgid-bugs-address="" \
    --sort-by-file --width=100 -o locales/messages.pot ui liaison/resources/rules liaison/services liaison/sync liaison/store/vault.py liaison/documents/embedded.py
for lang in fr es ar; do
    po="locales/$lang/LC_MESSAGES/messages.po"
    if [ -f "$po" ]; then
        "$pybabel" update -D messages -i locales/messages.pot -d locales -l "$lang" --width=100
    else
        "$pybabel" init -D messages -i locales/messages.pot -d locales -l "$lang" --width=100
    fi
done
# Report what is left to translate.
.venv/bin/python - <<'PY'
from babel.messages.pofile import read_po

for lang in ("fr", "es", "ar"):
    with open(f"locales/{lang}/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle, locale=lang)
    todo = [m for m in catalog if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))]
    print(f"{lang}: {len(catalog)} messages, {len(todo)} untranslated or fuzzy")
PY
