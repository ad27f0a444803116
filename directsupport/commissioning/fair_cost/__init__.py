"""fair_cost"""
