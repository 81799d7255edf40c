"""Offline translation: Argos packs, our own segmentation and token protection, translation
memory and glossary from the vault. Never touches the network except ``packs.download`` when asked."""
