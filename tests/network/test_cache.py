"""network.cache: Django's Redis cache, reusing one redis client per connection pool."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from network.cache import RedisCache


def test_every_operation_gets_the_same_client_of_its_pool():
    cache = RedisCache("redis://127.0.0.1:6379/0", {"KEY_PREFIX": "network"})  # no connection yet
    assert isinstance(cache, DjangoRedisCache)
    client = cache._cache.get_client("a", write=True)
    assert cache._cache.get_client("b") is client
    assert client.connection_pool is cache._cache._get_connection_pool(write=True)


def test_each_server_keeps_its_own_client():
    cache = RedisCache("redis://127.0.0.1:6379/0,redis://127.0.0.1:6379/1", {})
    writer = cache._cache.get_client(write=True)
    reader = cache._cache.get_client()  # reads go to the other server
    assert reader is not writer
    assert reader.connection_pool.connection_kwargs["db"] == 1
    assert cache._cache.get_client() is reader
