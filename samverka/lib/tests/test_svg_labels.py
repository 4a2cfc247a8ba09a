"""Labels of a chart never collide, and text reaching the SVG is escaped."""

from hypothesis import given, settings
from hypothesis import strategies as st

from samverka.lib import svg

TOP, BOTTOM, HEIGHT = 30.0, 266.0, 17.5
CAPACITY = int((BOTTOM - TOP) // HEIGHT)

wanted = st.lists(
    st.floats(min_value=TOP - 50, max_value=BOTTOM + 50, allow_nan=False),
    min_size=0,
    max_size=CAPACITY,
)


# The machine is shared: timing says nothing about correctness here.
@settings(deadline=None)
@given(wanted)
def test_no_two_label_boxes_overlap_and_all_stay_inside_the_plot(positions):
    centres = svg.place_labels(positions, HEIGHT, TOP, BOTTOM)
    assert len(centres) == len(positions)
    for c in centres:
        assert c - HEIGHT / 2 >= TOP - 1e-6 and c + HEIGHT / 2 <= BOTTOM + 1e-6
    ordered = sorted(centres)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert b - a >= HEIGHT - 1e-6


@settings(deadline=None)
@given(wanted)
def test_labels_keep_their_vertical_order(positions):
    centres = svg.place_labels(positions, HEIGHT, TOP, BOTTOM)
    by_wanted = sorted(range(len(positions)), key=lambda i: positions[i])
    assert [centres[i] for i in by_wanted] == sorted(centres)


def test_labels_that_do_not_collide_stay_where_they_want_to_be():
    assert svg.place_labels([50.0, 150.0], HEIGHT, TOP, BOTTOM) == [50.0, 150.0]


def test_two_labels_at_the_same_height_are_pushed_apart_around_it():
    upper, lower = svg.place_labels([100.0, 100.0], HEIGHT, TOP, BOTTOM)
    assert lower - upper == HEIGHT
    assert (upper + lower) / 2 == 100.0


def test_labels_at_the_top_edge_are_pushed_down_into_the_plot():
    centres = svg.place_labels([TOP, TOP, TOP], HEIGHT, TOP, BOTTOM)
    assert centres == [TOP + HEIGHT / 2, TOP + 1.5 * HEIGHT, TOP + 2.5 * HEIGHT]


@settings(deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=2000), min_size=1, max_size=60, unique=True),
    st.floats(min_value=5, max_value=80),
)
def test_thinned_axis_labels_never_touch(raw, width):
    positions = sorted(raw)
    kept = svg.thin(positions, [width] * len(positions))
    assert kept[0] == 0
    for a, b in zip(kept, kept[1:], strict=False):
        assert positions[b] - positions[a] >= width + 6 - 1e-6


def test_text_and_attributes_are_escaped():
    markup = svg.text(1, 2, 'Kalle & <Co> "AB"', class_="a'b")
    assert markup == (
        '<text x="1" y="2" fill="#1b1b1b" class="a&#x27;b">Kalle &amp; &lt;Co&gt; '
        "&quot;AB&quot;</text>"
    )
