"""What people look at: the graph as a network, its statistics, network views and the static site."""
