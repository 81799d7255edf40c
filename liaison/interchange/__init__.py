"""Contacts in and out of the vault: vCard 3.0/4.0 and CSV (Outlook, Google, Liaison's own).

Parsing turns a file into :class:`~liaison.interchange.cards.ContactCard` values with the line each
came from; nothing here touches the vault (``liaison.services.contact_io`` plans and applies).
"""
