"""MLA request documents: rules as data, templates from gettext catalogs, PDF rendering."""
