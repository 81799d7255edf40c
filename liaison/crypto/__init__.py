"""Key derivation and key-slot handling. Small on purpose: this is the code to audit first."""
