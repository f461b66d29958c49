"""The Textual TUI: home, review, quiz, interview, browse and stats screens with the proof panel.

Nothing here imports numpy or sympy: proofs and symbolic answer checks run in the proof kernel
process. ``textual_plot`` (which needs numpy) is imported only when a plot is first drawn.
"""
