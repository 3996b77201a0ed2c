"""What writers use besides the site: `trygg check`'s writing checks, `trygg new`, the guide's pages."""
