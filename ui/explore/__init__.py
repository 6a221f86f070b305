"""The Explore page's panels."""
