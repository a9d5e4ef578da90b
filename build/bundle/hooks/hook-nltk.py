"""Replaces PyInstaller's nltk hook, which copies every folder on nltk.data.path.

The app ships exactly resources/nltk_data (added by the spec), so this hook
only keeps NLTK's own package files (its VERSION file, not its doctests) and hidden imports.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("nltk", include_py_files=False, excludes=["test/**"])  # not its doctests (0.9 MB)
hiddenimports = ["nltk.chunk.named_entity"]
