"""Received e-mail (``.eml``) with the standard library's ``email`` package.

The subject and the body (plain text preferred, else the HTML part's text) become blocks; every
attachment is listed with its name, type and bytes so it can be offered for translation on its own.
The whole message is bounded by the mail size limit before parsing; each attachment by the
document limit, estimated from its encoded size before it is decoded (base64 is 4/3 of the bytes).
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser

from liaison.documents_in.limits import DEFAULT, Limits, check_attachment_size, check_mail_size
from liaison.documents_in.model import Block, EmailAttachment, Format, Location, ReadDocument
from liaison.documents_in.text_io import html_items, paragraphs

HEADER_FIELDS = ("from", "to", "cc", "date")


def _body_text(message: EmailMessage) -> list[str]:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return []
    content = body.get_content()
    if not isinstance(content, str):
        return []
    if body.get_content_subtype() == "html":
        return [text for _tag, text in html_items(content)]
    return paragraphs(content)


def _encoded_size(part: Message) -> int:
    """The decoded size from the encoded payload's length, without decoding it."""
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        return 0
    if str(part.get("content-transfer-encoding", "")).strip().lower() == "base64":
        return (len(raw) - raw.count("\n") - raw.count("\r")) * 3 // 4
    return len(raw)


def read_eml(name: str, data: bytes, limits: Limits = DEFAULT) -> ReadDocument:
    check_mail_size(name, len(data), limits)
    message = BytesParser(policy=policy.default).parsebytes(data)
    blocks: list[Block] = []
    subject = str(message.get("subject", "") or "").strip()
    if subject:
        blocks.append(Block(subject, Location(0, "subject", 0), heading=True))
    blocks += [Block(text, Location(0, "body", i)) for i, text in enumerate(_body_text(message))]
    attachments = []
    for part in message.iter_attachments():
        filename = part.get_filename() or "attachment"
        check_attachment_size(name, filename, _encoded_size(part), limits)
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        check_attachment_size(name, filename, len(payload), limits)
        attachments.append(EmailAttachment(filename, part.get_content_type(), payload))
    doc = ReadDocument(Format.EML, blocks, title=subject, attachments=attachments)
    doc.notes += [f"{field}: {message[field]}" for field in HEADER_FIELDS if message.get(field)]
    doc.notes += [f"attachment: {a.name} ({a.media_type}, {len(a.data)} bytes)" for a in attachments]
    return doc
