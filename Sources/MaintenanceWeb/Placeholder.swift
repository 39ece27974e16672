public import Hummingbird
public import Prometheus
