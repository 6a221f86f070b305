"""Every page in AppTest: features, journeys between pages, links, bad input."""
