import pytest

from approx.article import nets
from approx.framework import keras, number


def _layers(model):
    return [(layer.units, layer.activation.__name__) for layer in model.layers]


@pytest.mark.parametrize("net, layers", [
    (nets.single_neuron(), [(1, "linear")]),
    (nets.linear_layers(5), [(5, "linear"), (1, "linear")]),
    (nets.linear_layers(4, depth=3), [(4, "linear")] * 3 + [(1, "linear")]),
    (nets.relu_layer(59), [(59, "relu"), (1, "linear")]),
    (nets.relu_momentum(), [(100, "relu"), (1, "linear")]),
    (nets.tanh_momentum(), [(20, "tanh"), (1, "linear")]),
    (nets.deep_tanh(), [(50, "tanh"), (50, "tanh"), (1, "linear")]),
], ids=["neuron", "linear5", "linear4x3", "relu59", "relu100m", "tanh20m", "deep"])
def test_builders_make_the_articles_layers(net, layers):
    model = net.build()
    assert _layers(model) == layers
    assert model.input_shape == (None, 1)
    assert model.loss == "mean_squared_error"


def test_plain_nets_use_the_sgd_string_and_keras_defaults():
    model = nets.relu_layer(3).build()
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    assert number(model.optimizer.learning_rate) == pytest.approx(0.01)
    assert type(model.layers[0].kernel_initializer).__name__ == "GlorotUniform"


@pytest.mark.parametrize("net, rate", [(nets.relu_momentum(), 0.01), (nets.deep_tanh(), 0.001)])
def test_momentum_nets_use_nesterov_sgd(net, rate):
    optimiser = net.build().optimizer
    assert number(optimiser.learning_rate) == pytest.approx(rate)
    assert optimiser.momentum == pytest.approx(0.9) and optimiser.nesterov


@pytest.mark.parametrize("initialiser, cls", [("glorot_normal", "GlorotNormal"), ("he_normal", "HeNormal")])
def test_an_initialiser_applies_to_every_kernel(initialiser, cls):
    model = nets.tanh_momentum(20, initialiser).build()
    assert [type(layer.kernel_initializer).__name__ for layer in model.layers] == [cls, cls]


def test_nets_are_values_usable_as_keys():
    assert nets.relu_layer(3) == nets.relu_layer(3)
    assert len({nets.relu_layer(3), nets.relu_layer(3), nets.relu_layer(4)}) == 2


def test_a_net_describes_itself():
    assert str(nets.tanh_momentum(20, "he_normal")) == "tanh[20], he_normal, SGD(lr 0.01, Nesterov momentum 0.9)"
    assert str(nets.single_neuron()) == "linear[-], SGD(lr default)"


@pytest.mark.parametrize("make, message", [
    (lambda: nets.relu_layer(0), "neurons >= 1, got 0"),
    (lambda: nets.relu_layer(-3), "neurons >= 1, got -3"),
    (lambda: nets.relu_layer(2.5), "neurons >= 1, got 2.5"),
    (lambda: nets.relu_layer(True), "neurons >= 1, got True"),
    (lambda: nets.Net(hidden=[3]), "must be a tuple"),
    (lambda: nets.Net(hidden=(3,), activation="softmax"),
     "unknown activation 'softmax'; allowed: 'linear', 'relu', 'tanh', 'sigmoid'"),
    (lambda: nets.tanh_momentum(20, "xavier"), "unknown initialiser 'xavier'; allowed: None, 'glorot_uniform'"),
    (lambda: nets.linear_layers(5, depth=0), "depth must be a whole number >= 1, got 0"),
    (lambda: nets.Optimiser(learning_rate=0), "learning_rate must be > 0"),
    (lambda: nets.Optimiser(momentum=1.0), "momentum must be in"),
    (lambda: nets.Net(optimiser="adam"), "optimiser must be an Optimiser"),
], ids=["width0", "negative", "fraction", "bool", "list", "activation", "initialiser", "depth0", "rate", "momentum",
        "optimiser"])
def test_bad_arguments_are_value_errors_naming_the_value(make, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()

