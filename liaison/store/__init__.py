"""The only code that talks to SQLCipher: connection, migrations, change log, search, audit."""
