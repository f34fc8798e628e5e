"""The built-in kvalitet plugins, each registered through the ``kvalitet.plugins`` entry points
exactly as a third-party plugin is. Installed as the ``kvalitet_plugins`` package."""
