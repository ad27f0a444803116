"""optimiser"""
