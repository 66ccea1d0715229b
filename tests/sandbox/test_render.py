"""Block Kit rendered as terminal text for the demo and previews."""

from __future__ import annotations

from bot.sandbox.render import blocks_to_text, mrkdwn_to_text


def test_mentions_channels_emoji_and_emphasis_read_plainly():
    text = "*Hi* <@U0A>, see <#C0STAFF> :lock: _quietly_ &lt;!channel&gt; :unknown_emoji:"
    assert mrkdwn_to_text(text, {"U0A": "Ann", "C0STAFF": "staff"}) == "Hi @Ann, see #staff 🔒 quietly <!channel> :unknown_emoji:"


def test_blocks_render_in_order():
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": "Title"}},
              {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Client*\nAcme"}]},
              {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Vote"}}]}]
    assert blocks_to_text(blocks) == "Title\n=====\n  Client: Acme\n  [ Vote ]"
