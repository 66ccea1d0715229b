"""Block Kit's limits, checked on built blocks (slack_sdk checks some; not a message's 50 blocks)."""

from __future__ import annotations

from typing import Any


def limit_problems(blocks: list[dict[str, Any]], *, max_blocks: int = 50) -> list[str]:
    problems = [f"{len(blocks)} blocks > {max_blocks}"] if len(blocks) > max_blocks else []
    for index, block in enumerate(blocks):
        where = f"block {index} ({block['type']})"
        if block["type"] == "header" and len(block["text"]["text"]) > 150:
            problems.append(f"{where}: header over 150")
        if block.get("text") and block["type"] == "section" and len(block["text"]["text"]) > 3000:
            problems.append(f"{where}: text over 3000")
        fields = block.get("fields") or []
        if len(fields) > 10 or any(len(f["text"]) > 2000 for f in fields):
            problems.append(f"{where}: fields over limits")
        if block["type"] == "context" and (len(block["elements"]) > 10
                                          or any(len(e.get("text", "")) > 3000 for e in block["elements"])):
            problems.append(f"{where}: context over limits")
        buttons = [block["accessory"]] if block.get("accessory") else []
        buttons += [e for e in block.get("elements", []) if e.get("type") == "button"]
        if any(len(b["text"]["text"]) > 75 or len(b.get("value", "")) > 2000 for b in buttons):
            problems.append(f"{where}: button over limits")
        if len(block.get("block_id", "")) > 255:
            problems.append(f"{where}: block_id over 255")
    return problems
