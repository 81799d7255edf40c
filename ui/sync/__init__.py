"""Sync in the desktop app: the controller that runs it off the GUI thread, the status-bar widget,
the Conflicts page and the Sync settings. Hooked into the main window by ``ui.sync.install``."""
