/**
 * `derive`, computed once per key object and then shared. For the evidence many results repeat (a subnet's,
 * under every function that uses it): results are read-only, and JSON writes a shared object out in full, so
 * sharing changes no report, only how many objects an audit of a large account allocates.
 */
export function sharedPer<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = derive(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** `derive`, computed once per key for as long as the returned function is kept (one rule's evaluation). */
export function oncePer<K, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = derive(key);
      cache.set(key, value);
    }
    return value;
  };
}
