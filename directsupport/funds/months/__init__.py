"""The month: opening one fund's month and the monthly routine across every live ISF."""
