def test_home_page_for_coordinator(client_for, coordinator, dee):
    response = client_for(coordinator).get("/")
    assert response.status_code == 200
    assert b"Hello, Priya" in response.content
