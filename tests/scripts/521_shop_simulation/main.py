"""A supermarket checkout in the style of a book's queue chapter: dataclasses,
an Enum, random (seeded), a util package with a timing decorator, a bounded
asyncio.Queue and a patience timeout."""
import asyncio
import random
from asyncio import Queue

from shop.models import Customer, Product, Status
from util import async_timed, delay

PRODUCTS = [Product('beer', 2), Product('bananas', .5), Product('sausage', .2), Product('diapers', .2)]


async def checkout_customer(queue: Queue, cashier_number: int, served: list):
    while True:
        customer: Customer = await queue.get()
        print(f'Cashier {cashier_number} checking out customer {customer.customer_id}')
        for product in customer.products:
            print(f'Cashier {cashier_number} checking out customer {customer.customer_id}\'s {product.name}')
            await asyncio.sleep(product.checkout_time)
        customer.status = Status.SERVED
        served.append(customer)
        print(f'Cashier {cashier_number} finished checking out customer {customer.customer_id}')
        queue.task_done()


def generate_customer(customer_id: int) -> Customer:
    all_products = [random.choice(PRODUCTS) for _ in range(random.randint(1, 3))]
    return Customer(customer_id, all_products)


async def customer_generator(queue: Queue):
    customer_count = 0
    while customer_count < 6:
        customers = [generate_customer(i) for i in range(customer_count, customer_count + random.randint(1, 3))]
        for customer in customers:
            try:
                await asyncio.wait_for(queue.put(customer), timeout=1.5)
                print(f'customer {customer.customer_id} joined the queue')
            except asyncio.TimeoutError:
                customer.status = Status.LEFT
                print(f'customer {customer.customer_id} left: the queue was full for too long')
        customer_count += len(customers)
        await asyncio.sleep(1)


@async_timed()
async def main():
    random.seed(7)
    customer_queue = Queue(3)
    served = []
    await delay(0.5)
    customer_producer = asyncio.create_task(customer_generator(customer_queue))
    cashiers = [asyncio.create_task(checkout_customer(customer_queue, i, served)) for i in range(2)]
    await customer_producer
    await customer_queue.join()
    for cashier in cashiers:
        cashier.cancel()
    print([c.customer_id for c in served], served[0])
