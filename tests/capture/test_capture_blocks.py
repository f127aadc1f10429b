from statetrace.capture import carve_blocks, decode_capture
from statetrace.commands import INTERFACES_STATUS, MAC_TABLE, RUNNING_CONFIG, VERSION

CAPTURE = (
    "SW1#terminal length 0\n"
    "SW1#sh int status\n"
    "Port  Name  Status\n"
    "Gi1/0/1  a#b  connected\n"
    "SW1#show clock\n"
    "12:00\n"
    "SW1(config)#do show mac add\n"
    "Vlan  Mac Address\n"
    "SW1(config)#end\n"
    "SW1#sh ver\n"
    "first version\n"
    "SW1#show version\n"
    "second version\n"
    "Other>See the manual\n"
    "SW1#sh run\n"
    "hostname SW1\n"
    "!\n"
)


def test_carves_known_commands_with_abbreviations():
    blocks = carve_blocks(CAPTURE, first_line=10)
    assert list(blocks) == [INTERFACES_STATUS, MAC_TABLE, VERSION, RUNNING_CONFIG]
    status = blocks[INTERFACES_STATUS]
    assert (status.command, status.text, status.line) == (
        INTERFACES_STATUS,
        "Port  Name  Status\nGi1/0/1  a#b  connected",
        12,
    )
    assert blocks[MAC_TABLE].text == "Vlan  Mac Address"
    assert blocks[RUNNING_CONFIG].text == "hostname SW1\n!"


def test_repeated_command_last_wins_and_output_lines_do_not_end_blocks():
    version = carve_blocks(CAPTURE)[VERSION]
    assert version.text == "second version\nOther>See the manual"
    assert version.line == 13


def test_block_open_at_end_without_newline():
    blocks = carve_blocks("SW#show version\nCisco IOS\nlast")
    assert blocks[VERSION].text == "Cisco IOS\nlast"


def test_no_prompt_no_blocks():
    assert carve_blocks("show version\nCisco IOS\n") == {}
    assert carve_blocks("") == {}


def test_decoded_crlf_capture():
    decoded = decode_capture(b"\xef\xbb\xbfSW#show ver\r\nCisco\r\nSW#\r\n")
    assert carve_blocks(decoded.text, decoded.first_line)[VERSION].text == "Cisco"
