"""What several test modules share: driving pages in AppTest, reading charts."""
