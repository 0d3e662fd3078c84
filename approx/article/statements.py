"""What the article says at each claim, rendered in our own words: the one source every output quotes from.

Each rendering (`says`) is as strong as the article's sentence and no
stronger, nor weaker: a hedge stays a hedge ("does not give an improvement
automatically"), a "can" stays a "can", a remark about how a plot looks stays
one. Where the spec's tests check more than the sentence says (a figure read
as a comparison, an implication drawn), that is `reading`, and every output
labels it as ours. None is a translation to be read as the article's text:
the outputs mark it as the article's, with its place, and never put it in
quotation marks. Claims of §10 and §11 are the spec's own (what the article
relied on, or findings beyond it) and have no `Said`; where a §10 claim checks
something the article's code takes for granted of Keras, `RELIED` says what,
and the readers' page says beside it whether this Keras still does it.
"""

from dataclasses import dataclass

from approx.article.sections import is_claim_id


@dataclass(frozen=True)
class Said:
    place: str  # the cell, or the paragraph before or after one
    says: str  # the article's statement, in our words
    reading: str | None = None  # ours: what the tests read into it, where they check more than it says
    instead: str | None = None  # ours: what is true, in one sentence, shown wherever the verdict is not "right"
    advice: bool = False  # a recommendation no training can confirm as stated: shown with what we measured
    see: str | None = None  # ours: where another claim qualifies this one, by its id


SAID = {
    "S1.1": Said("the N.B. before In [1]",
                 "the neuron's diagram has two inputs, x and a constant 1 that brings in the bias b; frameworks"
                 " supply that 1 themselves, so from here on one input is assumed"),
    "S1.2": Said("In [10]–[13]",
                 "the simplest net approximates the line 2x + 5 with ease, and prints w = 2.00000048, b = 4.99998856"),
    "S1.3": Said("the paragraph before In [1]; In [15]",
                 "even this net does linear regression, fitting a straight line, often by least squares; on"
                 " 2 sin x + 5 it prints w = 0.6865344, b = 4.98856497"),
    "S1.4": Said("In [16]–[17]", "the first printed number is the weight w and the second the bias b, as the line"
                                 " w·x + b drawn over the fit shows"),
    "S2.1": Said("the paragraph after In [65]",
                 "five linear neurons and a summing output still give the same straight line: the net is a linear"
                 " combination of linear functions, itself linear"),
    "S2.2": Said("the paragraph after In [65]", "nothing came of the five linear neurons: still the same straight line"),
    "S2.3": Said("the paragraph before In [66]", "a ReLU activation in the hidden layer lets the net break the line"
                                                 " into segments"),
    "S2.4": Said("the paragraph after In [67]",
                 "the largest number of segments equals the number of neurons in the hidden layer",
                 instead="n ReLU units make at most n breakpoints, so up to n + 1 segments, and a hand-set net"
                         " draws all n + 1"),
    "S2.5": Said("the paragraph after In [67]", "by adding more neurons one can get a more accurate approximation",
                 "ReLU(59), the net In [72] then trains, fits the sine better than ReLU(3), reliably"),
    "S2.6": Said("the paragraph after In [72]",
                 "the fit is better, but its flaws show: at the bends, where the function is least like a straight"
                 " line, the approximation lags behind",
                 see="S11.6: the largest misses of all are at the ends of [−3, 3], beyond the bends"),
    "S3.1": Said("the paragraph before In [73]; In [76]",
                 "SGD with momentum, common in practice, makes the approximation look better"),
    "S3.2": Said("In [73]", "the code builds the optimiser as SGD(lr=0.01, momentum=0.9, nesterov=True)",
                 instead="Keras 3 renamed the argument: it rejects lr=, and SGD(learning_rate=0.01, momentum=0.9,"
                         " nesterov=True) builds the same optimiser"),
    "S3.3": Said("the paragraph before In [73]", "momentum makes it possible to turn more smoothly at sharp bends",
                 "the turning is the fit's: with momentum its error near the sine's bends falls"),
    "S4.1": Said("In [110]", "the harder function is defined by a branch on the sign of x, written as a test of"
                             " np.any(x) < 0",
                 instead="np.any(x) < 0 compares a truth value with 0 and is never true, so every network trains on"
                         " −x·sin(πx) + e^(x/2) − 1, negative x included"),
    "S4.2": Said("the paragraph after In [112]", "on this function the architecture reaches its ceiling"),
    "S4.3": Said("the paragraph before In [110]",
                 "the sine suits optimisation mainly because it has no wide plateaus, stretches where it changes very"
                 " slowly, and because it changes fairly evenly"),
    "S5.1": Said("In [125]–[126]", "the ReLU used so far is replaced by the more nonlinear tanh, in a layer of 20,"
                                   " and the fit is shown",
                 "the figure shows tanh(20) fitting the hard function better than In [112]'s ReLU(100)"),
    "S5.2": Said("the first sentence of §6, after In [126]",
                 "the approximation got better at the bends, but part of the function the net did not see"),
    "S6.1": Said("the paragraphs before In [136] and In [138]; In [153]",
                 "glorot_normal, popular in practice, is tried next; he_normal gives a still nicer result",
                 "'still nicer' implies that glorot_normal was nicer than the default: the spec tests that"
                 " implication",
                 instead="glorot_normal beats Keras's default on some trainings and loses on others; he_normal's"
                         " gain over glorot_normal is the one that holds on most"),
    "S6.2": Said("the line before In [148]", "let the passes be raised to 400; the fit is shown",
                 "the figure shows a much better fit than after 100 passes"),
    "S6.3": Said("In [135], [138]", "the initialisers are used by name: glorot_normal (after Glorot) and he_normal"
                                    " (after He)"),
    "S7.1": Said("the paragraph before In [178]; In [178]–[180]",
                 "the net is a linear combination of tanh functions, written as the schema w′₁·tanh(w₁x + b₁) + … +"
                 " w′₅·tanh(w₅x + b₅) + b; the helper of In [178] draws each term, which its comment calls a"
                 " neuron's output before summation",
                 instead="the formula is right, but the helper adds the output bias b to every term, so its terms"
                         " do not add up to the prediction; b belongs to the sum once"),
    "S7.2": Said("the paragraph after In [180]",
                 "each tanh has taken a small zone of responsibility and works on its own small range",
                 instead="most units do work on a narrow zone, but on every training some of them share their zone"
                         " with another unit, and on many trainings fewer than half have a zone of their own"),
    "S7.3": Said("the paragraph after In [180]",
                 "outside its zone a tanh drops to zero or one and only shifts the output up or down",
                 instead="a saturated tanh is −1 or +1, not 0 or 1: outside its zone a unit adds the constant ±w′ᵢ"),
    "S8.1": Said("the paragraph after In [191]",
                 "a net cannot see beyond its training interval: there, depending on its activations, it estimates"
                 " the function very roughly"),
    "S8.2": Said("In [191]", "the cell's comment says it lays out a thousand points from −3 to 3",
                 instead="the code lays out 2000 points from −6 to 6; the comment is the one of In [2]"),
    "S8.3": Said("the paragraph after In [191]",
                 "beyond the training interval all the tanh functions turn into constants (strictly, values near"
                 " zero or one)",
                 instead="most units are flat by the edge of the plot (|x| = 6), but not all: on nearly every"
                         " training a unit centred near the edge still changes there"),
    "S9.1": Said("the N.B. after In [238]",
                 "adding layers blindly does not bring an improvement automatically, out of the box"),
    "S9.2": Said("the N.B. after In [238]",
                 "nets that are too deep bring side effects such as the vanishing gradient problem"),
    "S9.3": Said("the N.B. after In [238]",
                 "for most practical uses two hidden layers are quite enough, and spare one the side effects of nets"
                 " that are too deep", advice=True),
}


@dataclass(frozen=True)
class Relied:
    """What the article's code takes for granted of Keras, where a §10 claim's test checks this Keras still does it."""

    place: str  # the cell that relies on it
    relies: str  # ours: what the cell does and takes for granted of Keras, as a predicate
    test: str  # the test function that checks it (its outcome says whether this Keras still does)


RELIED = {
    "S10.4": Relied("In [9]", "trains with `model.fit`'s defaults and no seed, relying on it to take the"
                              " points in a fresh, uniformly random order every epoch, as Keras 2 did",
                    "test_model_fit_reshuffles_all_points_every_epoch"),
}


def _checked(claim_id: str) -> str:
    if not is_claim_id(claim_id):
        raise ValueError(f"a claim id looks like 'S2.4', got {claim_id!r}")
    return claim_id


def said(claim_id: str) -> Said | None:
    """What the article says at `claim_id`, in our words; None for the spec's own claims (§10, §11)."""
    return SAID.get(_checked(claim_id))


def relied(claim_id: str) -> Relied | None:
    """What the article relies on Keras for at `claim_id`, if a §10 claim checks it; None elsewhere."""
    return RELIED.get(_checked(claim_id))
