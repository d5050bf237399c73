"""Reading untrusted files: regular files only, never past a cap, never blocking."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from gc_cli.store.safeio import UnsafeFile, human_size, open_regular, read_regular, regular_kind


def test_a_regular_file_within_its_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"posts: []\n")
    assert read_regular(path, "a.yaml", 100) == b"posts: []\n"


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    os.mkfifo(path)
    with pytest.raises(UnsafeFile) as raised:
        read_regular(path, "x.yaml", 100)
    assert "named pipe" in str(raised.value.reason)
    assert str(raised.value).startswith("x.yaml: ")
    assert "named pipe" in str(regular_kind(path))


@pytest.mark.timeout(10)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_is_refused_before_any_read(tmp_path: Path, device: str) -> None:
    path = tmp_path / "posts.yaml"
    path.symlink_to(device)
    with pytest.raises(UnsafeFile) as raised:
        read_regular(path, "posts.yaml", 100)
    assert "device" in str(raised.value.reason)


def test_a_socket_and_a_folder_are_named_for_what_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "dir.yaml"
    folder.mkdir()
    with pytest.raises(UnsafeFile, match="folder"):
        read_regular(folder, "dir.yaml", 100)
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        assert "socket" in str(regular_kind(sock_path))


def test_a_sparse_file_over_the_cap_is_refused_with_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as out:
        out.truncate(3 * 1024**3)  # 3 GiB, sparse: nothing is written
    with pytest.raises(UnsafeFile) as raised:
        read_regular(path, "big.yaml", 8 * 1024 * 1024)
    assert "3.0 GiB" in str(raised.value)
    assert "8.0 MiB" in str(raised.value)


def test_a_missing_or_unreadable_file_gives_the_system_reason(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFile, match="No such file"):
        read_regular(tmp_path / "nope.yaml", "nope.yaml", 100)
    with pytest.raises(UnsafeFile, match="usable file name"):
        open_regular("bad\0name", "bad", 100)


def test_human_sizes() -> None:
    assert human_size(512) == "512 B"
    assert human_size(1536) == "1.5 KiB"
    assert human_size(5 * 1024**4) == "5.0 TiB"
