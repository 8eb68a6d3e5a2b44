"""Models of the impor app."""
