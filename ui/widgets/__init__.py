"""Small reusable widgets (passphrase field and strength meter, search bar, ...)."""
