"""Every size limit on contributor files and fields, in one place.

Each is well above what a real note or catalog needs, and low enough that no file can make a check
or a build slow or large: everything is refused before it is parsed further.
"""

NOTE_FILE_BYTES = 32 * 1024  # a whole note file; the longest note today is under 5 KiB
DATA_FILE_BYTES = 256 * 1024  # one YAML file under data/
PAGE_BYTES = 64 * 1024  # one page of the site; the longest today, the instructors' page, is 9 KiB
PAGE_SECONDS = 2.0  # one page converted from Markdown; the article takes a tenth of a second
ASSET_BYTES = 256 * 1024  # one file under docs/assets/; the largest today, the stylesheet, is 31 KiB
TEMPLATE_BYTES = 64 * 1024  # one file of the theme's templates; the largest today is 3 KiB
LICENCE_BYTES = 64 * 1024  # one licence file
BODY_CHARACTERS = 12_000  # the Markdown after a note's front matter; the longest today is under 4,000
# Python-Markdown takes time that grows faster than the length of a paragraph full of brackets or
# tags; these two bounds keep every paragraph, and so every note, to a fraction of a second.
PARAGRAPH_CHARACTERS = 1_500  # one paragraph of prose (fenced code is not counted); the longest today is 951
PARAGRAPH_BRACKETS = 40  # '[' or '<' in one paragraph of prose: links, images, code spans with generics
CONVERSION_SECONDS = 1.0  # one summary or body converted from Markdown; each takes a few milliseconds today
SUMMARY_WORDS = 50  # the margin text
SUMMARY_CHARACTERS = 600
CHANGE_CHARACTERS = 800  # one entry of a change log; the longest today is 568
ALIASES = 10  # former ids of one note
QUOTE_CHARACTERS = 300  # the longest sentence of the article is shorter
QUOTE_MIN_WORDS = 2  # a quote names a claim; one word rarely does
YAML_DEPTH = 6  # lists and mappings inside each other, in front matter or a data file
