"""The annotation engine: notes anchored to the words of an article, and the pages, feeds and exports around them.

It imports nothing from any site builder. `python -m annotate` checks a site and writes its build tree;
`annotate.extension` is the Python-Markdown extension that completes the pages the builder renders.
"""
