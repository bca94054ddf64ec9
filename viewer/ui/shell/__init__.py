"""The shell: the application, the main window, its actions and commands, the shortcut sheet."""
