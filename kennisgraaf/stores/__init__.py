"""Graph stores: one protocol, two engines."""
