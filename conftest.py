"""pytest at the project root: the datatrove integration's doctests need its optional extra."""

import importlib.util

# Importing the integration without datatrove raises by design (it names the extra to install).
collect_ignore_glob = (
    [] if importlib.util.find_spec("datatrove") else ["src/vnnews_clean/integrations/datatrove.py"]
)
