"""designlint: lint the design of AI systems.

The data flows one way: load -> model -> rules -> findings -> reporters / renderer.
"""

__version__ = "0.1.0"
