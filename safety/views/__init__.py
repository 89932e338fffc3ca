"""Pages of the safety system, one module per subject."""
