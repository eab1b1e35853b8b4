"""Russia's wartime finances: hand-curated indicators, each traced to a quoted sentence."""
