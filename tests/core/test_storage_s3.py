"""The S3 media storage files uploads under the site's key, against an S3-protocol server."""

import boto3
import pytest

from django.core.files.base import ContentFile

from core.storage import SiteS3Storage
from tests import services
from tests.conftest import in_site

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    process, endpoint = services.start_s3_server()
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket="media")
    yield endpoint, client
    process.terminate()
    process.wait(timeout=10)


def test_s3_names_carry_the_site_key(s3_endpoint, sites):
    endpoint, client = s3_endpoint
    storage = SiteS3Storage(
        bucket_name="media",
        endpoint_url=endpoint,
        region_name="us-east-1",
        access_key="test",
        secret_key="test",
        querystring_auth=False,
        file_overwrite=False,
    )
    with in_site(sites.alpha):
        name = storage.save(
            storage.generate_filename("documents/quy-che.pdf"), ContentFile(b"%PDF-1.4 quy che")
        )
    assert name == "sites/alpha/documents/quy-che.pdf"
    body = client.get_object(Bucket="media", Key=name)["Body"].read()
    assert body == b"%PDF-1.4 quy che"
    with in_site(sites.beta):  # the URL does not depend on the active site
        assert storage.url(name).endswith("/media/sites/alpha/documents/quy-che.pdf")
