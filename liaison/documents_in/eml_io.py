"""Received e-mail (``.eml``) with the standard library's ``email`` package.

The subject and the body (plain text preferred, else the HTML part's text) become blocks; every
attachment is listed with its name, type and bytes so it can be offered for translation on its own.
The whole message is bounded by the file size limit before parsing, and each attachment again.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from liaison.documents_in.limits import DEFAULT, HostileDocument, Limits, mib
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


def read_eml(name: str, data: bytes, limits: Limits = DEFAULT) -> ReadDocument:
    message = BytesParser(policy=policy.default).parsebytes(data)
    blocks: list[Block] = []
    subject = str(message.get("subject", "") or "").strip()
    if subject:
        blocks.append(Block(subject, Location(0, "subject", 0), heading=True))
    blocks += [Block(text, Location(0, "body", i)) for i, text in enumerate(_body_text(message))]
    attachments = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        filename = part.get_filename() or "attachment"
        if not isinstance(payload, bytes):
            continue
        if len(payload) > limits.max_file_bytes:
            raise HostileDocument(
                f"{name}: attachment {filename!r} is {mib(len(payload))}, over the "
                f"{mib(limits.max_file_bytes)} limit for a received document"
            )
        attachments.append(EmailAttachment(filename, part.get_content_type(), payload))
    doc = ReadDocument(Format.EML, blocks, title=subject, attachments=attachments)
    doc.notes += [f"{field}: {message[field]}" for field in HEADER_FIELDS if message.get(field)]
    doc.notes += [f"attachment: {a.name} ({a.media_type}, {len(a.data)} bytes)" for a in attachments]
    return doc
