"""resodocs: a static-site generator for annotated UN resolutions.

The pipeline, in the order data flows (each stage a module or package of its own):

    readers/  -> a source text as a stream of blocks with inline marks (one reader per format)
    parse/    -> blocks -> model.Resolution
    corpus.py -> all resolutions at once, with their indexes
    pages.py  -> corpus -> Markdown pages through templates/
    site.py   -> MkDocs renders the pages; search index
    pdf.py    -> resolution -> PDF
"""

__version__ = "0.1.0"
