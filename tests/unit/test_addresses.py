"""The links Share offers: a student's link never opens presenter mode, and a loopback address is flagged."""

from __future__ import annotations

import pytest

from convcore.links.addresses import is_loopback, listens_on_network, on_host, share_links, without_presenter


@pytest.mark.parametrize("host,loopback", [("localhost", True), ("127.0.0.1", True), ("127.8.0.3", True),
                                           ("::1", True), ("[::1]", True), ("192.168.0.12", False),
                                           ("convlab.example.org", False), ("10.0.0.5", False)])
def test_loopback_hosts_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_class_link_never_carries_presenter_mode() -> None:
    link = "http://10.0.0.5:8501/explore?lang=ko&present=1&kernel=1,0;0,-1&stride=2"
    assert without_presenter(link) == "http://10.0.0.5:8501/explore?lang=ko&kernel=1,0;0,-1&stride=2"
    links = share_links(link, server_address="", network_host=None)
    assert "present" not in links.class_link and links.presenter_link == link and not links.loopback
    plain = share_links("http://10.0.0.5:8501/train?lang=en", server_address="", network_host=None)
    assert plain.class_link == "http://10.0.0.5:8501/train?lang=en" and plain.presenter_link is None


def test_a_loopback_link_is_flagged_and_given_the_network_address_when_the_server_listens_there() -> None:
    link = "http://localhost:8501/lesson?lang=ko&step=2&present=1"
    served_on_all = share_links(link, server_address="0.0.0.0", network_host="192.168.0.12")
    assert served_on_all.loopback and served_on_all.network_host == "192.168.0.12"
    assert served_on_all.class_link == "http://192.168.0.12:8501/lesson?lang=ko&step=2"
    local_only = share_links(link, server_address="localhost", network_host="192.168.0.12")
    assert local_only.loopback and local_only.network_host is None
    assert local_only.class_link == "http://localhost:8501/lesson?lang=ko&step=2"


def test_hosts_and_listening_addresses() -> None:
    assert on_host("http://localhost:8501/x?a=1", "10.1.2.3") == "http://10.1.2.3:8501/x?a=1"
    assert listens_on_network("") and listens_on_network("0.0.0.0") and listens_on_network("192.168.0.12")
    assert not listens_on_network("localhost") and not listens_on_network("127.0.0.1")
