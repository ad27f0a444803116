"""Money and hours banked for a purpose, within the agreement's rule."""
