"""Launch the Article Viewer window: ``python main.py [PATH...]``."""

from viewer.ui.shell.app import main

if __name__ == "__main__":
    raise SystemExit(main())
