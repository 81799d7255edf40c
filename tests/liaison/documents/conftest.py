"""Sample MLA request documents in eight languages, written by hand, and their rendered PDFs.

The texts are what the document builder would hand the renderer: translated, formatted the way babel
formats dates and amounts for each locale (U+202F and U+00A0 in French and Russian amounts, the RLM
babel puts before Arabic amounts), with names carrying diacritics, guillemets and German quotes, so the
fonts, the RTL path and the CJK wrapping all meet real input. ``bench/pdf.py`` imports
``sample_document`` too, so the benchmark measures the same content the tests check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

from liaison.documents.layout import Document, Entry, Section, SignatureBlock, Table, TextKind

LANGS = ("en", "fr", "es", "de", "pt", "ru", "ar", "zh")
REFERENCE = "MLA-2024/117"
CREATED = datetime(2024, 3, 15, 9, 30, tzinfo=UTC)
NNBSP = "\u202f"

_T: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Request for Mutual Legal Assistance",
        "subtitle": "in criminal matters, under the 2000 EU Convention",
        "reference_line": f"Our reference: {REFERENCE} — Your reference: 24/0371/OC",
        "date_line": "London, Friday, 15 March 2024",
        "letterhead": (
            "Crown Prosecution Service — International Justice Unit",
            "102 Petty France",
            "London SW1H 9EA, United Kingdom",
        ),
        "addressee": ("Parquet national financier", "Tribunal judiciaire de Paris", "75017 Paris, France"),
        "headings": (
            "Requesting authority",
            "Summary of the facts",
            "Persons concerned",
            "Measures requested",
            "Legal basis",
        ),
        "authority": ("Issuing authority", "Crown Prosecution Service, International Justice Unit"),
        "officer": ("Contact officer", "Ms Siobhán O’Connor-Brontë"),
        "facts": (
            "Between 3 January and 28 February 2024 the suspects transferred €1,234,567.89 from accounts "
            "held in London to accounts opened in Paris under false identities, in order to conceal the "
            "proceeds of a large-scale investment fraud affecting 214 victims."
        ),
        "facts_machine": (
            "The victims were contacted by telephone and persuaded to invest in fictitious "
            "bonds; the funds were then moved within days through several shell companies."
        ),
        "table": (
            ("Name", "Date of birth", "Nationality", "Role"),
            (
                ("Zoë Ångström", "4 July 1981", "Swedish", "Suspect"),
                ("François Lefèvre", "19 November 1975", "French", "Witness"),
            ),
        ),
        "measures": (
            ("Measure 1", "Production of bank records for account FR76 3000 4000 0312 3456 7890 143"),
            ("Measure 2", "Hearing of the witness François Lefèvre as a witness"),
        ),
        "machine": (
            "Additional information",
            "The witness speaks French and English and has agreed to be heard by video conference.",
        ),
        "untranslated": ("Note from the investigator", "Le témoin est disponible du lundi au jeudi.", "fr"),
        "legal": (
            "This request is made under Article 10 of the Convention of 29 May 2000 on Mutual Assistance "
            "in Criminal Matters between the Member States of the European Union."
        ),
        "signature": (
            "Issuing authority",
            (
                ("Name", "Siobhán O’Connor-Brontë"),
                ("Position", "Senior Crown Prosecutor"),
                ("Place and date", "London, 15 March 2024"),
            ),
            "Signature",
            "Official stamp",
        ),
        "annex_heading": "Annexes",
        "annexes": ("1. Court order of 12 March 2024 (sha256 3f2a…9c1d)", "2. Bank statements, 14 pages"),
        "notices": (
            "† Unofficial machine translation, not yet certified by a translator.",
            "‡ Left in the original language: Note from the investigator.",
        ),
        "watermark": "UNCERTIFIED TRANSLATION",
        "page_format": "Page {page} of {pages}",
        "hash_label": "SHA-256 of the request content",
    },
    "fr": {
        "title": "Demande d’entraide judiciaire",
        "subtitle": "en matière pénale, au titre de la Convention de l’UE de 2000",
        "reference_line": f"Notre référence : {REFERENCE} — Votre référence : 24/0371/OC",
        "date_line": "Paris, le vendredi 15 mars 2024",
        "letterhead": (
            "Ministère de la Justice — Bureau de l’entraide pénale internationale",
            "13, place Vendôme",
            "75042 Paris Cedex 01, France",
        ),
        "addressee": ("Fiscalía Provincial de Madrid", "Calle de Manuel Tovar, 6", "28034 Madrid, Espagne"),
        "headings": (
            "Autorité requérante",
            "Résumé des faits",
            "Personnes concernées",
            "Mesures demandées",
            "Fondement juridique",
        ),
        "authority": ("Autorité d’émission", "Parquet national financier, tribunal judiciaire de Paris"),
        "officer": ("Magistrat référent", "Mme Hélène Lefèvre-Nguyễn"),
        "facts": (
            f"Entre le 3 janvier et le 28 février 2024, les suspects ont viré 1{NNBSP}234{NNBSP}567,89 €"
            " depuis des comptes ouverts à Paris vers des comptes ouverts à Madrid sous de fausses "
            f"identités, afin de dissimuler le produit d’une escroquerie dite «{NNBSP}aux faux "
            f"placements{NNBSP}» ayant fait 214 victimes."
        ),
        "facts_machine": (
            "Les victimes étaient contactées par téléphone et convaincues d’investir dans des "
            "obligations fictives ; les fonds étaient ensuite déplacés en quelques jours."
        ),
        "table": (
            ("Nom", "Date de naissance", "Nationalité", "Qualité"),
            (
                ("Íñigo Peña Ibáñez", "4 juillet 1981", "espagnole", "Suspect"),
                ("Chloé Gaëlle Œuvray", "19 novembre 1975", "française", "Témoin"),
            ),
        ),
        "measures": (
            ("Mesure 1", "Communication des relevés du compte ES91 2100 0418 4502 0005 1332"),
            ("Mesure 2", "Audition de Mme Chloé Gaëlle Œuvray en qualité de témoin"),
        ),
        "machine": (
            "Informations complémentaires",
            "Le témoin parle français et espagnol et accepte d’être entendu par visioconférence.",
        ),
        "untranslated": ("Note de l’enquêteur", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "La présente demande est fondée sur l’article 10 de la Convention du 29 mai 2000 relative à "
            "l’entraide judiciaire en matière pénale entre les États membres de l’Union européenne."
        ),
        "signature": (
            "Autorité d’émission",
            (
                ("Nom", "Hélène Lefèvre-Nguyễn"),
                ("Fonction", "Vice-procureure de la République"),
                ("Lieu et date", "Paris, le 15 mars 2024"),
            ),
            "Signature",
            "Cachet officiel",
        ),
        "annex_heading": "Annexes",
        "annexes": ("1. Ordonnance du 12 mars 2024 (sha256 3f2a…9c1d)", "2. Relevés bancaires, 14 pages"),
        "notices": (
            "† Traduction automatique non officielle, non encore certifiée par un traducteur.",
            "‡ Laissé dans la langue d’origine : Note de l’enquêteur.",
        ),
        "watermark": "TRADUCTION NON CERTIFIÉE",
        "page_format": "Page {page} sur {pages}",
        "hash_label": "Empreinte SHA-256 du contenu de la demande",
    },
    "es": {
        "title": "Solicitud de asistencia judicial",
        "subtitle": "en materia penal, en virtud del Convenio de la UE de 2000",
        "reference_line": f"Nuestra referencia: {REFERENCE} — Su referencia: 24/0371/OC",
        "date_line": "Madrid, viernes, 15 de marzo de 2024",
        "letterhead": (
            "Fiscalía General del Estado — Unidad de Cooperación Internacional",
            "Calle de Fortuny, 4",
            "28010 Madrid, España",
        ),
        "addressee": ("Staatsanwaltschaft München I", "Linprunstraße 25", "80335 München, Alemania"),
        "headings": (
            "Autoridad requirente",
            "Resumen de los hechos",
            "Personas afectadas",
            "Medidas solicitadas",
            "Fundamento jurídico",
        ),
        "authority": ("Autoridad de emisión", "Fiscalía Provincial de Madrid"),
        "officer": ("Fiscal de contacto", "D.ª María José Muñoz Peñalver"),
        "facts": (
            "Entre el 3 de enero y el 28 de febrero de 2024, los sospechosos transfirieron 1.234.567,89 € "
            "desde cuentas abiertas en Madrid a cuentas abiertas en Múnich con identidades falsas, con el "
            "fin de ocultar el producto de una estafa de inversión que afectó a 214 víctimas."
        ),
        "facts_machine": (
            "Las víctimas eran contactadas por teléfono y convencidas de invertir en bonos "
            "ficticios; después los fondos se movían en pocos días a través de sociedades pantalla."
        ),
        "table": (
            ("Nombre", "Fecha de nacimiento", "Nacionalidad", "Condición"),
            (
                ("Jürgen Groß", "4 de julio de 1981", "alemana", "Sospechoso"),
                ("Íñigo Peña Ibáñez", "19 de noviembre de 1975", "española", "Testigo"),
            ),
        ),
        "measures": (
            ("Medida 1", "Entrega de los extractos de la cuenta DE89 3704 0044 0532 0130 00"),
            ("Medida 2", "Declaración de D. Íñigo Peña Ibáñez en calidad de testigo"),
        ),
        "machine": (
            "Información adicional",
            "El testigo habla español y alemán y acepta declarar por videoconferencia.",
        ),
        "untranslated": ("Nota del investigador", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "La presente solicitud se basa en el artículo 10 del Convenio de 29 de mayo de 2000 relativo "
            "a la asistencia judicial en materia penal entre los Estados miembros de la Unión Europea."
        ),
        "signature": (
            "Autoridad de emisión",
            (
                ("Nombre", "María José Muñoz Peñalver"),
                ("Cargo", "Fiscal"),
                ("Lugar y fecha", "Madrid, 15 de marzo de 2024"),
            ),
            "Firma",
            "Sello oficial",
        ),
        "annex_heading": "Anexos",
        "annexes": (
            "1. Auto de 12 de marzo de 2024 (sha256 3f2a…9c1d)",
            "2. Extractos bancarios, 14 páginas",
        ),
        "notices": (
            "† Traducción automática no oficial, aún no certificada por un traductor.",
            "‡ Dejado en el idioma original: Nota del investigador.",
        ),
        "watermark": "TRADUCCIÓN NO CERTIFICADA",
        "page_format": "Página {page} de {pages}",
        "hash_label": "Huella SHA-256 del contenido de la solicitud",
    },
    "de": {
        "title": "Rechtshilfeersuchen",
        "subtitle": "in Strafsachen nach dem EU-Übereinkommen von 2000",
        "reference_line": f"Unser Zeichen: {REFERENCE} — Ihr Zeichen: 24/0371/OC",
        "date_line": "München, Freitag, 15. März 2024",
        "letterhead": (
            "Staatsanwaltschaft München I — Abteilung für internationale Rechtshilfe",
            "Linprunstraße 25",
            "80335 München, Deutschland",
        ),
        "addressee": (
            "Procuradoria-Geral da República",
            "Rua da Escola Politécnica, 140",
            "1269-269 Lisboa, Portugal",
        ),
        "headings": (
            "Ersuchende Behörde",
            "Zusammenfassung des Sachverhalts",
            "Betroffene Personen",
            "Erbetene Maßnahmen",
            "Rechtsgrundlage",
        ),
        "authority": ("Ausstellende Behörde", "Staatsanwaltschaft München I"),
        "officer": ("Ansprechpartner", "Oberstaatsanwalt Dr. Jürgen Groß"),
        "facts": (
            "Zwischen dem 3. Januar und dem 28. Februar 2024 überwiesen die Beschuldigten 1.234.567,89 € "
            "von Konten in München auf Konten, die unter falschen Identitäten in Lissabon eröffnet "
            "wurden, um die Erlöse eines „Anlagebetrugs“ mit 214 Geschädigten zu verschleiern."
        ),
        "facts_machine": (
            "Die Geschädigten wurden telefonisch kontaktiert und zur Anlage in fiktive Anleihen "
            "überredet; die Gelder wurden anschließend binnen Tagen über Briefkastenfirmen bewegt."
        ),
        "table": (
            ("Name", "Geburtsdatum", "Staatsangehörigkeit", "Rolle"),
            (
                ("João Conceição", "4. Juli 1981", "portugiesisch", "Beschuldigter"),
                ("Käthe Müller-Lüdenscheidt", "19. November 1975", "deutsch", "Zeugin"),
            ),
        ),
        "measures": (
            ("Maßnahme 1", "Herausgabe der Kontounterlagen zum Konto PT50 0002 0123 1234 5678 9015 4"),
            ("Maßnahme 2", "Vernehmung von Frau Käthe Müller-Lüdenscheidt als Zeugin"),
        ),
        "machine": (
            "Weitere Angaben",
            "Die Zeugin spricht Deutsch und Portugiesisch und ist mit einer "
            "Vernehmung per Videokonferenz einverstanden.",
        ),
        "untranslated": ("Vermerk des Ermittlers", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "Dieses Ersuchen stützt sich auf Artikel 10 des Übereinkommens vom 29. Mai 2000 über die "
            "Rechtshilfe in Strafsachen zwischen den Mitgliedstaaten der Europäischen Union."
        ),
        "signature": (
            "Ausstellende Behörde",
            (
                ("Name", "Dr. Jürgen Groß"),
                ("Funktion", "Oberstaatsanwalt"),
                ("Ort und Datum", "München, 15. März 2024"),
            ),
            "Unterschrift",
            "Dienstsiegel",
        ),
        "annex_heading": "Anlagen",
        "annexes": ("1. Beschluss vom 12. März 2024 (sha256 3f2a…9c1d)", "2. Kontoauszüge, 14 Seiten"),
        "notices": (
            "† Inoffizielle maschinelle Übersetzung, noch nicht von einem Übersetzer beglaubigt.",
            "‡ In der Originalsprache belassen: Vermerk des Ermittlers.",
        ),
        "watermark": "NICHT BEGLAUBIGTE ÜBERSETZUNG",
        "page_format": "Seite {page} von {pages}",
        "hash_label": "SHA-256-Prüfsumme des Ersuchens",
    },
    "pt": {
        "title": "Pedido de auxílio judiciário mútuo",
        "subtitle": "em matéria penal, ao abrigo da Convenção da UE de 2000",
        "reference_line": f"Nossa referência: {REFERENCE} — Sua referência: 24/0371/OC",
        "date_line": "Lisboa, sexta-feira, 15 de março de 2024",
        "letterhead": (
            "Procuradoria-Geral da República — Gabinete de Cooperação Judiciária",
            "Rua da Escola Politécnica, 140",
            "1269-269 Lisboa, Portugal",
        ),
        "addressee": ("Crown Prosecution Service", "102 Petty France", "Londres SW1H 9EA, Reino Unido"),
        "headings": (
            "Autoridade requerente",
            "Resumo dos factos",
            "Pessoas visadas",
            "Medidas solicitadas",
            "Base jurídica",
        ),
        "authority": ("Autoridade de emissão", "Departamento Central de Investigação e Ação Penal"),
        "officer": ("Magistrado de contacto", "Dr.ª Conceição Gonçalves Simões"),
        "facts": (
            "Entre 3 de janeiro e 28 de fevereiro de 2024, os suspeitos transferiram 1.234.567,89 € de "
            "contas abertas em Lisboa para contas abertas em Londres com identidades falsas, a fim de "
            "dissimular o produto de uma burla de investimento que lesou 214 vítimas."
        ),
        "facts_machine": (
            "As vítimas eram contactadas por telefone e convencidas a investir em obrigações "
            "fictícias; os fundos eram depois movimentados em poucos dias através de sociedades."
        ),
        "table": (
            ("Nome", "Data de nascimento", "Nacionalidade", "Qualidade"),
            (
                ("Siobhán O’Connor", "4 de julho de 1981", "irlandesa", "Suspeita"),
                ("João Conceição", "19 de novembro de 1975", "portuguesa", "Testemunha"),
            ),
        ),
        "measures": (
            ("Medida 1", "Entrega dos extratos da conta GB29 NWBK 6016 1331 9268 19"),
            ("Medida 2", "Inquirição de João Conceição na qualidade de testemunha"),
        ),
        "machine": (
            "Informações adicionais",
            "A testemunha fala português e inglês e aceita ser ouvida por videoconferência.",
        ),
        "untranslated": ("Nota do investigador", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "O presente pedido tem por base o artigo 10.º da Convenção de 29 de maio de 2000 relativa ao "
            "auxílio judiciário mútuo em matéria penal entre os Estados-Membros da União Europeia."
        ),
        "signature": (
            "Autoridade de emissão",
            (
                ("Nome", "Conceição Gonçalves Simões"),
                ("Cargo", "Procuradora da República"),
                ("Local e data", "Lisboa, 15 de março de 2024"),
            ),
            "Assinatura",
            "Carimbo oficial",
        ),
        "annex_heading": "Anexos",
        "annexes": (
            "1. Despacho de 12 de março de 2024 (sha256 3f2a…9c1d)",
            "2. Extratos bancários, 14 páginas",
        ),
        "notices": (
            "† Tradução automática não oficial, ainda não certificada por um tradutor.",
            "‡ Mantido na língua original: Nota do investigador.",
        ),
        "watermark": "TRADUÇÃO NÃO CERTIFICADA",
        "page_format": "Página {page} de {pages}",
        "hash_label": "Impressão SHA-256 do conteúdo do pedido",
    },
    "ru": {
        "title": "Запрос о взаимной правовой помощи",
        "subtitle": "по уголовным делам",
        "reference_line": f"Наш номер: {REFERENCE} — Ваш номер: 24/0371/OC",
        "date_line": "Лондон, пятница, 15 марта 2024 г.",
        "letterhead": (
            "Королевская прокурорская служба — Отдел международного правосудия",
            "102 Petty France",
            "London SW1H 9EA, Соединённое Королевство",
        ),
        "addressee": (
            "Генеральная прокуратура Российской Федерации",
            "ул. Большая Дмитровка, 15а",
            "125993 Москва, Россия",
        ),
        "headings": (
            "Запрашивающий орган",
            "Краткое изложение фактов",
            "Лица, которых касается запрос",
            "Запрашиваемые меры",
            "Правовое основание",
        ),
        "authority": ("Орган, направивший запрос", "Королевская прокурорская служба"),
        "officer": ("Контактное лицо", "Siobhán O’Connor-Brontë"),
        "facts": (
            "В период с 3 января по 28 февраля 2024 г. подозреваемые перевели 1\u00a0234\u00a0567,89\u00a0€ "
            "со счетов в Лондоне на счета, открытые в Москве на подставных лиц, чтобы скрыть доходы от "
            "мошенничества с инвестициями, от которого пострадали 214 человек."
        ),
        "facts_machine": (
            "С потерпевшими связывались по телефону и убеждали вложить средства в фиктивные "
            "облигации; затем средства в течение нескольких дней переводились через фирмы-однодневки."
        ),
        "table": (
            ("Имя", "Дата рождения", "Гражданство", "Роль"),
            (
                ("Пётр Ильич Соколов", "4 июля 1981 г.", "российское", "Подозреваемый"),
                ("Алёна Вячеславовна Щукина", "19 ноября 1975 г.", "российское", "Свидетель"),
            ),
        ),
        "measures": (
            ("Мера 1", "Предоставление выписок по счёту № 40817810099910004312"),
            ("Мера 2", "Допрос Алёны Вячеславовны Щукиной в качестве свидетеля"),
        ),
        "machine": (
            "Дополнительные сведения",
            "Свидетель говорит по-русски и по-английски и согласна дать показания по видеосвязи.",
        ),
        "untranslated": ("Примечание следователя", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "Настоящий запрос направляется в соответствии с Европейской конвенцией о взаимной правовой "
            "помощи по уголовным делам от 20 апреля 1959 года («Конвенция 1959 года»)."
        ),
        "signature": (
            "Орган, направивший запрос",
            (
                ("Имя", "Siobhán O’Connor-Brontë"),
                ("Должность", "Старший королевский прокурор"),
                ("Место и дата", "Лондон, 15 марта 2024 г."),
            ),
            "Подпись",
            "Гербовая печать",
        ),
        "annex_heading": "Приложения",
        "annexes": (
            "1. Постановление суда от 12 марта 2024 г. (sha256 3f2a…9c1d)",
            "2. Банковские выписки, 14 стр.",
        ),
        "notices": (
            "† Неофициальный машинный перевод, ещё не заверенный переводчиком.",
            "‡ Оставлено на языке оригинала: Примечание следователя.",
        ),
        "watermark": "НЕЗАВЕРЕННЫЙ ПЕРЕВОД",
        "page_format": "Страница {page} из {pages}",
        "hash_label": "Контрольная сумма SHA-256 содержания запроса",
    },
    "ar": {
        "title": "طلب مساعدة قانونية متبادلة",
        "subtitle": "في المسائل الجنائية",
        "reference_line": f"مرجعنا: {REFERENCE} — مرجعكم: 24/0371/OC",
        "date_line": "باريس، الجمعة، 15 مارس 2024",
        "letterhead": ("وزارة العدل — مكتب التعاون الجنائي الدولي", "13، ساحة فاندوم", "75042 باريس، فرنسا"),
        "addressee": ("النيابة العامة", "شارع الجمهورية، 12", "الرباط، المملكة المغربية"),
        "headings": (
            "السلطة الطالبة",
            "ملخص الوقائع",
            "الأشخاص المعنيون",
            "الإجراءات المطلوبة",
            "الأساس القانوني",
        ),
        "authority": ("السلطة المصدرة", "النيابة المالية الوطنية، المحكمة القضائية بباريس"),
        "officer": ("القاضي المكلف", "هيلين لوفيفر (Hélène Lefèvre)"),
        "facts": (
            "في الفترة من 3 يناير إلى 28 فبراير 2024، حوّل المشتبه بهم مبلغ \u200f1,234,567.89 € من حسابات "
            "مفتوحة في باريس إلى حسابات مفتوحة في الرباط بهويات مزيفة، وذلك لإخفاء عائدات عملية احتيال "
            "استثماري واسعة النطاق تضرر منها 214 شخصاً."
        ),
        "facts_machine": (
            "كان يتم الاتصال بالضحايا هاتفياً وإقناعهم بالاستثمار في سندات وهمية، ثم تُنقل "
            "الأموال خلال أيام عبر عدة شركات وهمية."
        ),
        "table": (
            ("الاسم", "تاريخ الميلاد", "الجنسية", "الصفة"),
            (
                ("محمد عبد الله الحسيني", "4 يوليو 1981", "مغربية", "مشتبه به"),
                ("فاطمة الزهراء بنعلي", "19 نوفمبر 1975", "فرنسية", "شاهدة"),
            ),
        ),
        "measures": (
            ("الإجراء 1", "تقديم كشوف الحساب رقم MA64 0115 1900 0001 2050 0053 4921"),
            ("الإجراء 2", "الاستماع إلى السيدة فاطمة الزهراء بنعلي بصفتها شاهدة"),
        ),
        "machine": (
            "معلومات إضافية",
            "تتحدث الشاهدة العربية والفرنسية وتوافق على الإدلاء بشهادتها عبر الاتصال المرئي.",
        ),
        "untranslated": ("ملاحظة المحقق", "The witness is available Monday to Thursday.", "en"),
        "legal": (
            "يستند هذا الطلب إلى اتفاقية التعاون القضائي في المجال الجنائي المبرمة بين الدولتين "
            "(رقم القضية MLA-2024/117)."
        ),
        "signature": (
            "السلطة المصدرة",
            (
                ("الاسم", "هيلين لوفيفر"),
                ("الصفة", "نائبة وكيل الجمهورية"),
                ("المكان والتاريخ", "باريس، 15 مارس 2024"),
            ),
            "التوقيع",
            "الختم الرسمي",
        ),
        "annex_heading": "المرفقات",
        "annexes": ("1. أمر قضائي مؤرخ في 12 مارس 2024", "2. كشوف حسابات مصرفية، 14 صفحة"),
        "notices": (
            "† ترجمة آلية غير رسمية، لم يصادق عليها مترجم بعد.",
            "‡ تُرك باللغة الأصلية: ملاحظة المحقق.",
        ),
        "watermark": "ترجمة غير مصادق عليها",
        "page_format": "صفحة {page} من {pages}",
        "hash_label": "بصمة SHA-256 لمحتوى الطلب",
    },
    "zh": {
        "title": "刑事司法协助请求书",
        "subtitle": "根据双边刑事司法协助条约",
        "reference_line": f"我方编号：{REFERENCE} — 贵方编号：24/0371/OC",
        "date_line": "巴黎，2024年3月15日星期五",
        "letterhead": ("法兰西共和国司法部 — 国际刑事司法协助办公室", "旺多姆广场13号", "75042 巴黎，法国"),
        "addressee": ("中华人民共和国司法部", "国际合作局", "北京市朝阳区朝阳门南大街10号"),
        "headings": ("请求机关", "案件事实摘要", "涉及人员", "请求采取的措施", "法律依据"),
        "authority": ("签发机关", "巴黎司法法院国家金融检察院"),
        "officer": ("联系人", "Hélène Lefèvre（勒费弗尔）"),
        "facts": (
            "2024年1月3日至2月28日期间，犯罪嫌疑人将€1,234,567.89从巴黎开立的账户转入以虚假身份在上海"
            "开立的账户，以掩饰一起涉及214名被害人的大规模投资诈骗的犯罪所得。"
        ),
        "facts_machine": "被害人通过电话被联系并被劝说投资虚构的债券；随后资金在数日内经多家空壳公司转移。",
        "table": (
            ("姓名", "出生日期", "国籍", "身份"),
            (
                ("王晓明", "1981年7月4日", "中国", "犯罪嫌疑人"),
                ("Jürgen Groß（格罗斯）", "1975年11月19日", "德国", "证人"),
            ),
        ),
        "measures": (
            ("措施一", "调取账号 6222 0202 0001 2345 678 的银行流水"),
            ("措施二", "以证人身份询问王晓明"),
        ),
        "machine": ("补充信息", "该证人会说中文和英文，并同意通过视频会议作证。"),
        "untranslated": ("侦查人员备注", "The witness is available Monday to Thursday.", "en"),
        "legal": ("本请求依据《中华人民共和国和法兰西共和国关于刑事司法协助的协定》第十条提出。"),
        "signature": (
            "签发机关",
            (("姓名", "Hélène Lefèvre"), ("职务", "副检察官"), ("地点和日期", "巴黎，2024年3月15日")),
            "签名",
            "公章",
        ),
        "annex_heading": "附件",
        "annexes": ("1. 2024年3月12日法院裁定书", "2. 银行对账单，共14页"),
        "notices": ("† 非官方机器翻译，尚未经翻译人员认证。", "‡ 保留原文：侦查人员备注。"),
        "watermark": "未经认证的翻译",
        "page_format": "第 {page} 页，共 {pages} 页",
        "hash_label": "请求内容的 SHA-256 摘要",
    },
}


def content_hash(lang: str) -> str:
    return hashlib.sha256(f"liaison sample request {lang}".encode()).hexdigest()


def _facts(t: dict[str, Any], repeat: int) -> tuple[Entry, ...]:
    entries = [Entry("", t["facts"], TextKind.FREE), Entry("", t["facts_machine"], TextKind.MACHINE)]
    for n in range(2, repeat + 1):  # longer requests for the benchmark: more paragraphs of facts
        entries += [
            Entry("", f"({n}) {t['facts']}", TextKind.FREE),
            Entry("", f"({n}) {t['facts_machine']}", TextKind.MACHINE),
        ]
    return tuple(entries)


def sample_document(lang: str, *, watermark: bool = True, repeat: int = 1) -> Document:
    """A realistic request in ``lang``; ``repeat`` > 1 lengthens the facts and the persons table."""
    t = _T[lang]
    h = t["headings"]
    header, rows = t["table"]
    label, value, value_lang = t["untranslated"]
    caption, lines, sig_label, stamp_label = t["signature"]
    sections = (
        Section(
            "1",
            h[0],
            (
                Entry(*t["authority"], TextKind.BOILERPLATE),
                Entry(*t["officer"]),
                Entry("Tel.", "+33 1 44 77 61 00"),
                Entry("E-mail", "mla-desk@justice.example"),
            ),
        ),
        Section("2", h[1], _facts(t, repeat)),
        Section("3", h[2], tables=(Table(header, rows * repeat),)),
        Section(
            "4",
            h[3],
            (
                *(Entry(lbl, val, TextKind.BOILERPLATE) for lbl, val in t["measures"]),
                Entry(*t["machine"], TextKind.MACHINE),
                Entry(label, value, TextKind.UNTRANSLATED, value_lang),
            ),
        ),
        Section("5", h[4], (Entry("", t["legal"], TextKind.BOILERPLATE),)),
    )
    return Document(
        lang=lang,
        rtl=lang == "ar",
        title=t["title"],
        subtitle=t["subtitle"],
        reference_line=t["reference_line"],
        date_line=t["date_line"],
        letterhead=t["letterhead"],
        addressee=t["addressee"],
        sections=sections,
        signatures=(SignatureBlock(caption, lines, sig_label, stamp_label),),
        annex_heading=t["annex_heading"],
        annexes=t["annexes"],
        notices=t["notices"],
        watermark=t["watermark"] if watermark else "",
        page_format=t["page_format"],
        reference=REFERENCE,
        content_hash=content_hash(lang),
        hash_label=t["hash_label"],
        metadata={
            "title": t["title"],
            "subject": f"{t['subtitle']} ({REFERENCE})",
            "keywords": f"MLA, {lang}",
        },
    )


def all_strings(doc: Document) -> list[str]:
    """Every string of a document the renderer may draw (for the glyph-coverage test)."""
    out = [
        doc.title,
        doc.subtitle,
        doc.reference_line,
        doc.date_line,
        *doc.letterhead,
        *doc.addressee,
        doc.annex_heading,
        *doc.annexes,
        *doc.notices,
        doc.watermark,
        doc.reference,
        doc.hash_label,
        doc.content_hash,
        doc.page_format.format(page=12, pages=345),
    ]
    for section in doc.sections:
        out.append(f"{section.number}. {section.heading}")
        out += [s for e in section.entries for s in (e.label, e.value)]
        out += [cell for table in section.tables for row in (table.header, *table.rows) for cell in row]
    for block in doc.signatures:
        out += [
            block.caption,
            block.signature_label,
            block.stamp_label,
            *(s for line in block.lines for s in line),
        ]
    return [s for s in out if s]


@pytest.fixture(scope="session")
def samples() -> dict[str, Document]:
    return {lang: sample_document(lang) for lang in LANGS}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, samples: dict[str, Document]) -> dict[str, Path]:
    """Each sample rendered once per session: the tool checks below all read these files."""
    from liaison.documents.pdf import render_to

    folder = tmp_path_factory.mktemp("pdf")
    return {
        lang: render_to(folder / f"request-{lang}.pdf", doc, created=CREATED) for lang, doc in samples.items()
    }


@pytest.fixture(scope="session")
def unwatermarked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from liaison.documents.pdf import render_to

    folder = tmp_path_factory.mktemp("pdf-plain")
    yield render_to(folder / "plain-fr.pdf", replace(sample_document("fr", watermark=False)), created=CREATED)


PASSWORD = "correct horse ünïcödé"


@dataclass(frozen=True)
class Officer:
    p12: Path
    expired_p12: Path
    cert: x509.Certificate


def _certificate(key: rsa.RSAPrivateKey, start: dt.datetime, end: dt.datetime) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Liaison Test Officer"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Liaison Tests"),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )


@pytest.fixture(scope="module")
def officer(tmp_path_factory: pytest.TempPathFactory) -> Officer:
    """A self-signed RSA-2048 certificate in a password-protected PKCS#12 file, and an expired twin."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    folder = tmp_path_factory.mktemp("certs")
    cert = _certificate(key, now - dt.timedelta(days=1), now + dt.timedelta(days=365))
    expired = _certificate(key, now - dt.timedelta(days=400), now - dt.timedelta(days=35))
    files = []
    for name, certificate in (("officer.p12", cert), ("expired.p12", expired)):
        path = folder / name
        path.write_bytes(
            pkcs12.serialize_key_and_certificates(
                b"officer", key, certificate, None, BestAvailableEncryption(PASSWORD.encode())
            )
        )
        files.append(path)
    return Officer(files[0], files[1], cert)
