"""Site-wide pages and files made from every type: start page, menu, redirects, page bundles."""
