"""The market's pages for people (issue 15): server-rendered, mobile first, in Chinese."""
