"""One small schema per content type; YAML keys are Swedish (aliases), attributes English."""
