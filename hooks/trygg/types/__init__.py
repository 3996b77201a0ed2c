"""One package per content type: its loader, pages, API collection, skeleton and templates.
Only trygg.registry imports them."""
