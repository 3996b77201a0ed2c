"""Publishing: the atomic `trygg build`, content-hashed assets, the CSP and the theme's HTML."""
