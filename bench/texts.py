"""Vietnamese text of the benchmark's articles and documents (fictitious, like the demo's).

Each topic is a title, a lead and paragraphs with ``{place}`` and number fields;
``content.article_specs`` combines topics with places into distinct articles.
"""

CATEGORIES = [
    ("thoi-su", "Thời sự"),
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa – Xã hội"),
    ("chi-dao-dieu-hanh", "Chỉ đạo điều hành"),
    ("nong-nghiep-nong-thon", "Nông nghiệp – Nông thôn"),
]

PLACES = [
    "xã Sơn Dương",
    "phường Minh Xuân",
    "xã Hàm Yên",
    "xã Chiêm Hóa",
    "xã Na Hang",
    "xã Lâm Bình",
    "xã Đồng Văn",
    "xã Mèo Vạc",
    "xã Yên Minh",
    "xã Quản Bạ",
    "xã Bắc Mê",
    "xã Hoàng Su Phì",
    "xã Xín Mần",
    "xã Vị Xuyên",
    "phường Hà Giang 1",
    "xã Bắc Quang",
    "xã Tân Trào",
    "phường Nông Tiến",
    "xã Yên Sơn",
    "xã Quang Bình",
]

AUTHORS = ["Minh Anh", "Thu Trang", "Hoàng Long", "Khánh Linh", "Quốc Việt", "Hà Phương"]

SOURCES = [
    ("Báo và Phát thanh, Truyền hình Tuyên Quang", "https://baotuyenquang.com.vn/"),
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
]

TOPICS = [
    {
        "category": "kinh-te",
        "title": "{Place} giải ngân {n1},{d1}% kế hoạch vốn đầu tư công năm 2026",
        "lead": (
            "Đến hết tháng 10/2026, {place} đã giải ngân {n2} tỷ đồng vốn đầu tư công, đạt "
            "{n1},{d1}% kế hoạch được giao, cao hơn mức bình quân chung của tỉnh."
        ),
        "body": [
            "Theo báo cáo của Ủy ban nhân dân {place}, tổng kế hoạch vốn đầu tư công năm 2026 "
            "của địa phương là {n3} tỷ đồng, tập trung cho các công trình giao thông nông thôn, "
            "trường học, trạm y tế và hạ tầng thiết yếu ở các thôn, bản vùng khó khăn.",
            "Một số công trình có tỷ lệ giải ngân cao như đường liên thôn, nhà văn hóa và kênh "
            "mương nội đồng. Tuy nhiên, vẫn còn {n4} dự án giải ngân dưới 50%, chủ yếu do vướng "
            "mắc trong bồi thường, giải phóng mặt bằng và nguồn vật liệu san lấp.",
            "Ủy ban nhân dân {place} đã thành lập tổ công tác do Chủ tịch Ủy ban nhân dân xã làm "
            "tổ trưởng, trực tiếp kiểm tra hiện trường, đôn đốc tiến độ từng công trình; yêu cầu "
            "các chủ đầu tư lập kế hoạch giải ngân chi tiết theo từng tuần.",
            "Phấn đấu đến ngày 31/01/2027, {place} giải ngân trên 95% kế hoạch vốn năm 2026, "
            "góp phần hoàn thành mục tiêu tăng trưởng kinh tế – xã hội của tỉnh.",
        ],
    },
    {
        "category": "van-hoa-xa-hoi",
        "title": "Lễ hội văn hóa, du lịch {place} thu hút hơn {n2} lượt du khách",
        "lead": (
            "Trong {n5} ngày diễn ra lễ hội, {place} đón hơn {n2} lượt khách, trong đó có gần "
            "{n4}00 lượt khách quốc tế; doanh thu từ dịch vụ du lịch ước đạt {n3} tỷ đồng."
        ),
        "body": [
            "Lễ hội năm nay được tổ chức với chủ đề “Sắc màu vùng cao”, gồm chương trình nghệ "
            "thuật đường phố, phiên chợ vùng cao, trình diễn trang phục truyền thống của đồng bào "
            "Tày, Dao, Mông và không gian trưng bày sản phẩm OCOP của địa phương.",
            "Các hoạt động thể thao, trò chơi dân gian như ném còn, kéo co, đẩy gậy, bắn nỏ thu "
            "hút đông đảo người dân và du khách tham gia. Nhiều homestay trên địa bàn kín phòng "
            "trong suốt thời gian diễn ra lễ hội.",
            "Ông Nguyễn Văn Hùng, Chủ tịch Ủy ban nhân dân {place} cho biết, địa phương sẽ tiếp "
            "tục đầu tư hạ tầng du lịch cộng đồng, tập huấn kỹ năng phục vụ khách cho người dân "
            "và xây dựng sản phẩm du lịch gắn với bảo tồn văn hóa truyền thống.",
            "Theo Sở Văn hóa, Thể thao và Du lịch, từ đầu năm đến nay toàn tỉnh đón khoảng 6,7 "
            "triệu lượt khách, tăng 14% so với cùng kỳ năm trước.",
        ],
    },
    {
        "category": "chi-dao-dieu-hanh",
        "title": "Chủ tịch Ủy ban nhân dân tỉnh làm việc tại {place}",
        "lead": (
            "Ngày {n5}/11, đồng chí Chủ tịch Ủy ban nhân dân tỉnh cùng lãnh đạo các sở, ngành "
            "đã làm việc với {place} về tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội "
            "năm 2026 và kế hoạch năm 2027."
        ),
        "body": [
            "Báo cáo tại buổi làm việc cho biết, năm 2026 {place} hoàn thành và vượt {n4}/18 chỉ "
            "tiêu chủ yếu; thu ngân sách trên địa bàn ước đạt {n3} tỷ đồng; tỷ lệ hộ nghèo giảm "
            "còn {n1},{d1}%; 100% thôn, bản có đường ô tô đến trung tâm.",
            "Địa phương cũng kiến nghị tỉnh quan tâm hỗ trợ kinh phí sửa chữa các tuyến đường "
            "bị sạt lở sau mưa lũ, đầu tư trường học ở các điểm trường lẻ và bố trí thêm biên "
            "chế giáo viên mầm non.",
            "Phát biểu kết luận, đồng chí Chủ tịch Ủy ban nhân dân tỉnh ghi nhận, biểu dương "
            "những kết quả {place} đạt được; đề nghị địa phương tập trung cải cách hành chính, "
            "nâng cao chất lượng giải quyết thủ tục hành chính trên môi trường điện tử.",
            "Về các kiến nghị của địa phương, Chủ tịch Ủy ban nhân dân tỉnh giao các sở, ngành "
            "liên quan nghiên cứu, giải quyết theo thẩm quyền, báo cáo kết quả trước ngày "
            "15/12/2026.",
        ],
    },
    {
        "category": "nong-nghiep-nong-thon",
        "title": "Nông dân {place} thu hoạch {n2} tấn cam sành, giá bán tăng {n5}%",
        "lead": (
            "Vụ cam năm 2026, {place} có {n3} ha cam sành cho thu hoạch, sản lượng ước đạt "
            "{n2} tấn; giá bán tại vườn tăng khoảng {n5}% so với năm trước."
        ),
        "body": [
            "Những năm gần đây, người trồng cam ở {place} đã chuyển sang sản xuất theo tiêu chuẩn "
            "VietGAP, sử dụng phân bón hữu cơ, ghi chép nhật ký sản xuất và truy xuất nguồn gốc "
            "bằng mã QR.",
            "Hợp tác xã nông nghiệp của xã đã ký hợp đồng tiêu thụ với các siêu thị và doanh "
            "nghiệp tại Hà Nội, Thái Nguyên, bảo đảm đầu ra ổn định cho khoảng {n4}0 hộ thành "
            "viên.",
            "Bên cạnh kênh tiêu thụ truyền thống, nhiều hộ đã bán cam qua các sàn thương mại "
            "điện tử và mạng xã hội, giúp nâng cao giá trị sản phẩm và giảm phụ thuộc vào thương "
            "lái.",
            "Trung tâm Khuyến nông tỉnh khuyến cáo bà con tiếp tục cải tạo vườn cam già cỗi, "
            "phòng trừ bệnh vàng lá thối rễ và không mở rộng diện tích ở những vùng không phù "
            "hợp.",
        ],
    },
    {
        "category": "thoi-su",
        "title": "{Place} khánh thành cầu dân sinh nối {n5} thôn vùng cao",
        "lead": (
            "Sáng {n5}/11, {place} tổ chức khánh thành cầu dân sinh với tổng mức đầu tư {n3} tỷ "
            "đồng, giúp gần {n2} người dân đi lại thuận tiện, an toàn trong mùa mưa lũ."
        ),
        "body": [
            "Cây cầu dài {n4}0 m, rộng 3,5 m, được xây dựng từ nguồn vốn Chương trình mục tiêu "
            "quốc gia phát triển kinh tế – xã hội vùng đồng bào dân tộc thiểu số và miền núi, "
            "kết hợp nguồn xã hội hóa và ngày công lao động của Nhân dân.",
            "Trước đây, mỗi khi mưa lớn, nước suối dâng cao, người dân các thôn phải đi đường "
            "vòng hơn 10 km; học sinh nhiều ngày không thể đến trường.",
            "Tại lễ khánh thành, đại diện Nhân dân các thôn bày tỏ niềm vui khi công trình được "
            "đưa vào sử dụng, cam kết cùng chính quyền bảo vệ, giữ gìn cây cầu.",
        ],
    },
    {
        "category": "chi-dao-dieu-hanh",
        "title": "{Place} giải quyết {n1},{d1}% hồ sơ thủ tục hành chính trực tuyến",
        "lead": (
            "Mười tháng năm 2026, Bộ phận Một cửa {place} tiếp nhận {n2} hồ sơ, trong đó "
            "{n1},{d1}% được nộp và giải quyết trực tuyến toàn trình trên Cổng Dịch vụ công "
            "quốc gia."
        ),
        "body": [
            "Để nâng cao tỷ lệ hồ sơ trực tuyến, {place} đã thành lập tổ công nghệ số cộng đồng "
            "ở tất cả các thôn, trực tiếp hướng dẫn người dân tạo tài khoản định danh điện tử và "
            "nộp hồ sơ qua điện thoại thông minh.",
            "Các thủ tục được người dân sử dụng nhiều nhất là đăng ký khai sinh, chứng thực bản "
            "sao từ bản chính, đăng ký thường trú và cấp giấy chứng nhận quyền sử dụng đất.",
            "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,{d1}%, không có hồ sơ tồn đọng; chỉ số hài "
            "lòng của người dân đối với sự phục vụ của cơ quan hành chính đạt trên 95%.",
            "Thời gian tới, địa phương tiếp tục số hóa kết quả giải quyết thủ tục hành chính, "
            "tái sử dụng dữ liệu đã số hóa để giảm giấy tờ cho người dân.",
        ],
    },
    {
        "category": "van-hoa-xa-hoi",
        "title": "{Place} tặng {n4}0 suất quà cho học sinh có hoàn cảnh khó khăn",
        "lead": (
            "Nhân dịp kỷ niệm Ngày Nhà giáo Việt Nam 20/11, {place} phối hợp với các nhà hảo tâm "
            "trao {n4}0 suất quà, mỗi suất trị giá 1 triệu đồng, cho học sinh nghèo vượt khó."
        ),
        "body": [
            "Các suất quà gồm áo ấm, chăn, sách vở và tiền mặt, được trao tận tay học sinh tại "
            "các điểm trường chính và điểm trường lẻ trên địa bàn.",
            "Năm học 2026 – 2027, toàn xã có {n2} học sinh ở các cấp học; tỷ lệ huy động trẻ em "
            "trong độ tuổi đến trường đạt 99,{d1}%.",
            "Dịp này, Hội Khuyến học xã cũng khen thưởng {n5} giáo viên có thành tích xuất sắc "
            "trong phong trào thi đua “Dạy tốt – học tốt”.",
        ],
    },
    {
        "category": "kinh-te",
        "title": "{Place} có thêm {n5} sản phẩm đạt chuẩn OCOP 3 sao",
        "lead": (
            "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh vừa công nhận {n5} sản phẩm của "
            "{place} đạt chuẩn 3 sao, nâng tổng số sản phẩm OCOP của địa phương lên {n4}."
        ),
        "body": [
            "Các sản phẩm mới được công nhận gồm chè shan tuyết, mật ong bạc hà, miến dong và "
            "rượu ngô men lá, do các hợp tác xã và hộ kinh doanh trên địa bàn sản xuất.",
            "Để đạt chuẩn, các chủ thể đã đầu tư thiết kế bao bì, nhãn mác, xây dựng câu chuyện "
            "sản phẩm và hoàn thiện hồ sơ công bố chất lượng theo quy định.",
            "Doanh thu từ các sản phẩm OCOP của {place} năm 2026 ước đạt {n3} tỷ đồng, tạo việc "
            "làm thường xuyên cho khoảng {n2} lao động địa phương.",
            "Ủy ban nhân dân xã tiếp tục hỗ trợ các chủ thể tham gia hội chợ, xúc tiến thương "
            "mại và đưa sản phẩm lên các sàn thương mại điện tử.",
        ],
    },
    {
        "category": "thoi-su",
        "title": "{Place} chủ động ứng phó rét đậm, rét hại cho cây trồng, vật nuôi",
        "lead": (
            "Trước dự báo đợt không khí lạnh tăng cường, nhiệt độ vùng núi cao có thể xuống dưới "
            "{n5} độ C, {place} đã triển khai các biện pháp bảo vệ đàn gia súc và cây trồng vụ "
            "đông."
        ),
        "body": [
            "Ủy ban nhân dân xã yêu cầu các thôn rà soát, hướng dẫn người dân che chắn chuồng "
            "trại, dự trữ thức ăn thô xanh, không thả rông gia súc trong những ngày nhiệt độ "
            "xuống thấp.",
            "Toàn xã hiện có {n2} con trâu, bò, ngựa; lực lượng thú y đã tiêm phòng vắc-xin tụ "
            "huyết trùng, lở mồm long móng cho trên 90% tổng đàn.",
            "Đối với cây trồng, bà con được khuyến cáo gieo cấy đúng lịch thời vụ, sử dụng nilon "
            "che phủ mạ và bón phân cân đối để tăng sức chống chịu.",
        ],
    },
    {
        "category": "nong-nghiep-nong-thon",
        "title": "{Place} đạt chuẩn nông thôn mới nâng cao năm 2026",
        "lead": (
            "Ủy ban nhân dân tỉnh vừa ban hành quyết định công nhận {place} đạt chuẩn nông thôn "
            "mới nâng cao năm 2026, sau {n5} năm nỗ lực xây dựng."
        ),
        "body": [
            "Trong giai đoạn 2021 – 2026, {place} huy động trên {n3} tỷ đồng xây dựng nông thôn "
            "mới, trong đó Nhân dân đóng góp hàng nghìn ngày công và hiến hơn {n2} m² đất làm "
            "đường giao thông.",
            "Thu nhập bình quân đầu người của xã đạt {n4} triệu đồng/năm; 100% hộ dân sử dụng "
            "điện lưới quốc gia; tỷ lệ hộ nghèo theo chuẩn đa chiều giảm còn {n1},{d1}%.",
            "Ông Hoàng Văn Thái, Bí thư Đảng ủy xã cho biết, địa phương sẽ tiếp tục giữ vững "
            "các tiêu chí đã đạt, hướng tới xây dựng xã nông thôn mới kiểu mẫu.",
            "Dịp này, Ủy ban nhân dân tỉnh tặng Bằng khen cho tập thể và cá nhân có thành tích "
            "xuất sắc trong phong trào “Tuyên Quang chung sức xây dựng nông thôn mới”.",
        ],
    },
]

QUOTE = (
    "Chúng tôi xác định người dân là trung tâm, là chủ thể của mọi chương trình phát triển; "
    "chính quyền phải đến với dân, lắng nghe và giải quyết dứt điểm từng kiến nghị."
)
QUOTE_ATTRIBUTION = "Chủ tịch Ủy ban nhân dân xã"

HOME_INTRO = (
    "Trang thông tin điện tử dùng để đo hiệu năng của nền tảng: tin tức, văn bản chỉ đạo điều "
    "hành và thông tin về hoạt động của chính quyền địa phương (nội dung giả định)."
)

DOCUMENTS = [
    ("38/2026/QĐ-UBND", "quyet_dinh", "Ban hành Quy chế hoạt động của Trang thông tin điện tử"),
    ("12/2026/NQ-HĐND", "nghi_quyet", "Quy định mức chi bảo đảm hoạt động chuyển đổi số cấp xã"),
    ("05/CT-UBND", "chi_thi", "Về tăng cường công tác phòng, chống rét đậm, rét hại"),
    ("214/KH-UBND", "ke_hoach", "Kế hoạch cải cách hành chính năm 2027"),
    ("1520/UBND-KT", "cong_van", "Về đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2026"),
    ("96/TB-UBND", "thong_bao", "Thông báo lịch tiếp công dân định kỳ tháng 12 năm 2026"),
    ("07/HD-UBND", "huong_dan", "Hướng dẫn nộp hồ sơ thủ tục hành chính trực tuyến toàn trình"),
    ("41/2026/QĐ-UBND", "quyet_dinh", "Quy định về quản lý và sử dụng chữ ký số chuyên dùng"),
]

LINKS = [
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cổng Thông tin điện tử tỉnh Tuyên Quang", "https://tuyenquang.gov.vn/"),
]
