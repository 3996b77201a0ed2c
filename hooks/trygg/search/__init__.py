"""Search: the Pagefind index, the site's vocabulary for 'Menade du', compound-word parts."""
